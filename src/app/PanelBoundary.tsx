/**
 * A panel that fails to draw says so in its own place, with a way to try again, and the rest
 * of the page goes on: without it one panel's error unmounted the whole page (a blank screen,
 * the engine stopped, the class's session gone from view).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What the panel is called on screen ("Playback", "The event log"). */
  readonly name: string;
  readonly children: ReactNode;
  /** The whole page, not one panel: it offers a reload rather than a retry. */
  readonly isPage?: boolean;
}

interface State {
  readonly error: Error | null;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.name} stopped on an error`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { name, isPage } = this.props;
    return (
      <div className={isPage ? 'panel-failure page-failure' : 'panel-failure'} role="alert">
        <p>
          <strong>{name}</strong> stopped on an error: {error.message}
        </p>
        <p>{isPage ? 'Reloading the page starts again; a shared link opens its session as before.' : 'The rest of the page still works.'}</p>
        {isPage ? (
          <button type="button" onClick={() => location.reload()}>
            Reload the page
          </button>
        ) : (
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        )}
      </div>
    );
  }
}
