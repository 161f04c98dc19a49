/** The list of keyboard shortcuts, opened with `?`. */
import { useRef } from 'react';
import { useModalFocus } from './use-modal-focus';
import { useStore } from '../store/store';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog() {
  const isOpen = useStore((s) => s.isShortcutsOpen);
  const toggled = useStore((s) => s.shortcutsToggled);
  const close = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useModalFocus(box, isOpen, () => toggled(false), close);
  if (!isOpen) return null;
  return (
    <div className="dialog-backdrop" onClick={() => toggled(false)}>
      <div ref={box} className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="shortcut-list">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={close} onClick={() => toggled(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
