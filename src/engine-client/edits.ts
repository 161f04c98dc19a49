/**
 * The lecturer's actions on the cluster (a put, a failure…), Undo and Redo, with what the
 * page says of them: a session an action in the past replaces is kept for Undo, the session
 * an Undo left is kept for Redo, and a refusal stays on screen until an input the engine
 * takes puts it right.
 */
import type { Input } from '../engine/index';
import type { FramePump } from './frame-pump';
import type { Playback } from './playback';
import type { SerialQueue } from './serial-queue';
import type { SessionLoader } from './session-loader';
import { eventsText, isPutRightByInput, keptForUndo, stepNoticeCleared } from './session-notices';
import { isReplacedNext, undoTarget, useStore, type Notice, type Redo } from '../store/store';
import { undoLabel } from '../worker/undo-label';

export class Edits {
  /** The notice of the last input the engine refused: the next input it takes clears it. */
  private refusal: Notice | null = null;

  constructor(
    private readonly pump: FramePump,
    private readonly playback: Playback,
    private readonly loader: SessionLoader,
    private readonly queue: SerialQueue,
  ) {}

  /**
   * A user action at the cursor (a put, a failure…); false when the engine refused it. In
   * the past it drops what was recorded after the cursor: the page says so, and keeps the
   * session as it was for Undo.
   */
  input(input: Input): Promise<boolean> {
    // An action on the cluster while a lecture step plays is taken at the step's end, where the lecture stands.
    const playing = this.playback.playCancelled();
    if (playing !== undefined) {
      return this.queue.run(async () => {
        await this.playback.moveTo(playing);
        return this.inputNow(input);
      });
    }
    return this.queue.run(() => this.inputNow(input));
  }

  /**
   * Takes back the last action (a put, a failure…) and everything recorded after it; or, when
   * that action replaced the session (a settings change, an input in the past), brings the
   * session it replaced back as it was.
   */
  undo(): Promise<void> {
    return this.queue.run(() => this.undoNow());
  }

  /** Brings back the session as it was before the last Undo, cursor included (see `Redo`). */
  redo(): Promise<void> {
    return this.queue.run(() => this.redoNow());
  }

  private async inputNow(input: Input): Promise<boolean> {
    const { cursor, length, upTo, total } = this.pump.position;
    // Only a notice the lecturer saw when acting is put behind them: one that came while the input was on its way (a file refused meanwhile) stays.
    const seen = useStore.getState().notice;
    const kept = cursor < length ? await this.loader.sessionToKeep() : null;
    const frame = await this.pump.send({ type: 'input', input }, this.playback.isPlaying ? 'keep' : 'jump');
    const store = useStore.getState();
    if (!frame) {
      this.refusal = store.notice;
      return false;
    }
    // Named now, as Undo will take it back: the engine's own label follows the cursor.
    if (kept) keptForUndo(kept, undoLabel(input) ?? 'action', total > upTo ? `Acting in the past: the ${eventsText(total - upTo)} recorded after this point were dropped. Undo brings them back.` : null);
    else stepNoticeCleared(); // what lies ahead has changed (a replaced session stays: Undo reaches it after this input)
    store.redoKept([]); // a new action: what Undo took back is no longer Redo's to bring back, as in any editor
    if (isPutRightByInput(store.notice, seen, this.refusal)) store.noticeShown(null);
    if (input.type === 'put' || input.type === 'get') store.opPicked(null);
    return true;
  }

  private async undoNow(): Promise<void> {
    this.playback.pause();
    const before = useStore.getState();
    const { replaced, redo, settings } = before;
    // Said to a screen reader with where it leaves playback (StepAnnouncer): "B fails" alone, after Undo recover B, sounded like a new failure.
    const label = undoTarget(before);
    if (label === null) return;
    // The session as it stands, for Redo (none in a lecture, whose own steps Previous and Next walk).
    const current = await this.loader.sessionForRedo();
    // A lecture opened meanwhile keeps no Redo: the free play it replaced is kept with its own.
    const redone: Redo[] = current && !this.loader.inLecture ? [...redo, { session: current, settings, label, replaced }] : [];
    if (replaced && isReplacedNext(before)) {
      const error = await this.loader.open({ type: 'load', session: replaced.session }, replaced.settings);
      if (error !== null) useStore.getState().noticeShown({ message: `Could not bring the earlier session back: ${error}` });
      // The session it had replaced in turn is Undo's next (the W change before the R change).
      else {
        useStore.getState().replacedKept(replaced.earlier ?? null);
        useStore.getState().redoKept(redone);
        useStore.getState().undoneSaid(label);
      }
      return;
    }
    // Looking at the past, Undo takes back the last action before this point and drops the whole
    // recording after it, later actions and all: a lecturer who scrubbed back and pressed Ctrl+Z lost
    // the rest of the demo. Redo brings it back; Undo again goes on back to the action before.
    const { cursor, length, total } = this.pump.position;
    const frame = await this.pump.send({ type: 'undo' }, 'jump');
    if (!frame) return;
    const store = useStore.getState();
    store.redoKept(redone);
    store.undoneSaid(label);
    // A put after this Undo leaves as many inputs as the link opened with, yet not the link's: it is work to keep.
    store.openedInputsCut(frame.ownInputs);
    if (cursor < length && current) {
      const dropped = total - frame.traceLengthAtCursor;
      store.noticeShown({ message: `Undid ${label} in the past: it and the ${eventsText(dropped)} recorded after it were dropped. Redo brings them back.`, field: 'step' });
    } else stepNoticeCleared(); // a note on the Undo before ("Redo brings them back") no longer says what Redo does next
  }

  private async redoNow(): Promise<void> {
    this.playback.pause();
    const { redo } = useStore.getState();
    const next = redo.at(-1);
    if (!next || this.loader.inLecture) return;
    const error = await this.loader.open({ type: 'load', session: next.session }, next.settings);
    const store = useStore.getState();
    if (error !== null) {
      store.noticeShown({ message: `Could not redo ${next.label}: ${error}` });
      return;
    }
    // As before the Undo: what Undo could bring back then, and the Redos before this one.
    store.replacedKept(next.replaced);
    store.redoKept(redo.slice(0, -1));
    store.undoneSaid(next.label, true);
  }
}
