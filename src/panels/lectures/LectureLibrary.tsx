/**
 * The lecture library: every built-in lecture by its title and summary; choosing one opens it
 * at its first step. The lecture last left (the lecturer's own, opened from a file, included)
 * comes first, to be resumed where it was left: below the fold beside its own entry, a lecturer
 * back after a reload had to scroll to find it.
 */
import { useRef } from 'react';
import { useModalFocus } from '../../app/use-modal-focus';
import { LECTURES } from '../../lectures/index';
import { useController } from '../../app/controller-context';
import { useLectureStore } from './lecture-store';
import { lectureChosen, ownLectureOpened } from './lecture-session';
import type { LeftLecture } from './lecture-memory';
import { useStore } from '../../store/store';

export function LectureLibrary() {
  const controller = useController();
  const isOpen = useLectureStore((s) => s.isLibraryOpen);
  const toggled = useLectureStore((s) => s.libraryToggled);
  const left = useLectureStore((s) => s.left);
  const close = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useModalFocus(box, isOpen, () => toggled(false), close);
  if (!isOpen) return null;
  return (
    <div className="dialog-backdrop" onClick={() => toggled(false)}>
      <div ref={box} className="dialog lecture-library" role="dialog" aria-modal="true" aria-labelledby="library-title" onClick={(e) => e.stopPropagation()}>
        <div className="panel-head">
          <h2 id="library-title">Lectures</h2>
          <button type="button" ref={close} onClick={() => toggled(false)}>
            Close
          </button>
        </div>
        <ul className="library-list">
          {left ? <LeftEntry left={left} /> : null}
          {LECTURES.map((l) => (
            <li key={l.id}>
              <button type="button" className="library-title" aria-describedby={`lecture-${l.id}`} onClick={() => void lectureChosen(controller, l.id)}>
                {l.title}
              </button>
              <span className="subtle"> · lecture {l.lecture.join(', ')}</span>
              <p id={`lecture-${l.id}`}>{l.summary}</p>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The lecture last left, first in the list: a built-in one is listed below as well; the lecturer's own is not, so its summary shows here. */
function LeftEntry({ left }: { readonly left: LeftLecture }) {
  const controller = useController();
  const noticeShown = useStore((s) => s.noticeShown);
  const { own, ownSource } = left;
  const title = own?.title ?? LECTURES.find((l) => l.id === left.lectureId)?.title ?? left.lectureId;
  const resumed = async () => {
    if (!own || ownSource === undefined) return lectureChosen(controller, left.lectureId, left.place);
    // Kept from before a reload, an own lecture may be one this page refuses now (its runner's checks are newer): said as File ▸ Open says it, and no longer offered.
    const refused = await ownLectureOpened(controller, own, ownSource, left.place);
    if (refused === null) return;
    useLectureStore.setState({ left: null, isLibraryOpen: false });
    noticeShown({ message: `${own.title} could not be resumed: npm run lecture refuses to run it: ${refused}`, field: 'file' });
  };
  return (
    <li className="library-left">
      <span className="library-own" id="library-left-title">
        {title}
      </span>
      <span className="subtle">{own ? ' · your own lecture, from a file' : ' · where you left it'}</span>
      <button type="button" className="library-resume" aria-describedby="library-left-title" onClick={() => void resumed()}>
        Resume at {left.where}
      </button>
      {own ? <p>{own.summary}</p> : null}
    </li>
  );
}
