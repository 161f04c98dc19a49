/**
 * The lecture library: every built-in lecture by its title and summary; choosing one opens it
 * at its first step. The lecture last left (the lecturer's own, opened from a file, included)
 * can be resumed where it was left.
 */
import { useRef } from 'react';
import { useModalFocus } from '../../app/use-modal-focus';
import { LECTURES } from '../../lectures/index';
import { useController } from '../../app/controller-context';
import { lectureChosen, ownLectureOpened, useLectureStore } from './lecture-store';

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
          {left?.own && left.ownSource !== undefined ? (
            <li>
              <span className="library-own">{left.own.title}</span>
              <span className="subtle"> · your own lecture, from a file</span>
              <button type="button" className="library-resume" onClick={() => void ownLectureOpened(controller, left.own!, left.ownSource!, left.place)}>
                Resume at {left.where}
              </button>
              <p>{left.own.summary}</p>
            </li>
          ) : null}
          {LECTURES.map((l) => (
            <li key={l.id}>
              <button type="button" className="library-title" aria-describedby={`lecture-${l.id}`} onClick={() => void lectureChosen(controller, l.id)}>
                {l.title}
              </button>
              <span className="subtle"> · lecture {l.lecture.join(', ')}</span>
              {left?.lectureId === l.id && !left.own && (
                <button type="button" className="library-resume" onClick={() => void lectureChosen(controller, l.id, left.place)}>
                  Resume at {left.where}
                </button>
              )}
              <p id={`lecture-${l.id}`}>{l.summary}</p>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
