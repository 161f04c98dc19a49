/**
 * The header's sharing tools: a link to the session (in the address bar, the clipboard when
 * the browser allows, and always in a dialog), saving the session as a file, and opening a
 * session or scenario file. Nothing from a link or a file is ever inserted as HTML.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useController } from '../../app/controller-context';
import { useStore } from '../../store/store';
import { encodeLink, linkProblem, sessionProblem } from '../../share/link';
import { ShareDialog } from './ShareDialog';
import { keyToFollow, readScenarioFile, sessionFileName } from './scenario-file';
import { leftOut, sessionShared, viewRestored } from './open-link';
import { linkForgotten, linkShown } from './address-bar';
import { lectureReplaced, ownLectureOpened } from '../lectures/lecture-session';
import type { Scenario } from '../../scenario/schema';
import type { Controller } from '../../engine-client/controller';
import { decodeUtf8 } from '../../scenario/json-text';
import './share.css';

export function ShareTools() {
  const controller = useController();
  const isLoading = useStore((s) => s.isLoading);
  const noticeShown = useStore((s) => s.noticeShown);
  const [shared, setShared] = useState<{ url: string; isCopied: boolean } | null>(null);

  const share = async () => {
    try {
      const session = await sessionShared(controller);
      const problem = linkProblem(session);
      if (problem !== null) {
        noticeShown({ message: `This session is too big for a link: ${problem}. Save scenario keeps all of it in a file.`, field: 'share' });
        return;
      }
      const url = linkShown(encodeLink(session));
      setShared({ url, isCopied: await copy(url) });
    } catch (error) {
      noticeShown({ message: `The link could not be made: ${(error as Error).message}`, field: 'share' });
    }
  };

  const save = async () => {
    try {
      const session = await sessionShared(controller);
      // Refused now rather than when the file is opened again (the check opening a file runs).
      const problem = sessionProblem(session);
      if (problem !== null) {
        noticeShown({ message: `This session cannot be saved as a file that opens again: ${problem}`, field: 'share' });
        return;
      }
      const blob = new Blob([`${JSON.stringify(session, null, 2)}\n`], { type: 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = sessionFileName(session);
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 0);
    } catch (error) {
      noticeShown({ message: `The scenario could not be saved: ${(error as Error).message}`, field: 'share' });
    }
  };

  return (
    <div className="share-tools">
      <button type="button" onClick={() => void share()} disabled={isLoading} title="A link to this session, at this step">
        Share
      </button>
      <FileMenu isLoading={isLoading} onSave={() => void save()} onOpen={(file) => void fileOpened(controller, file)} />
      {shared ? createPortal(<ShareDialog url={shared.url} isCopied={shared.isCopied} onCopy={() => copy(shared.url)} onClose={() => setShared(null)} />, document.body) : null}
    </div>
  );
}

/** A file chosen with Open scenario…: a lecture, a scenario or a saved session, or why it cannot be opened. */
async function fileOpened(controller: Controller, file: File): Promise<void> {
  const { noticeShown } = useStore.getState();
  // Decoded as the runners decode a file: UTF-8 and nothing else. `file.text()` read a Latin-1 "é" as "�" and opened a UTF-16 file, both of which npm run sim refuses.
  const decoded = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) {
    noticeShown({ message: `${file.name} could not be opened: it ${decoded.error}`, field: 'file' });
    return;
  }
  const read = readScenarioFile(decoded.text);
  if (read.ok && read.kind === 'lecture') {
    // An earlier file's refusal is history once this one opens.
    if (useStore.getState().notice?.field === 'file') noticeShown(null);
    // Refused if npm run lecture would refuse to run it, in its words.
    const refused = await ownLectureOpened(controller, read.lecture, read.text);
    if (refused !== null) noticeShown({ message: `${file.name} could not be opened: npm run lecture refuses to run it: ${refused}`, field: 'file' });
    return;
  }
  const error = !read.ok ? read.error : read.kind === 'scenario' ? await controller.openScenario(read.text, read.scenario) : await controller.openSession(read.session);
  if (error !== null) return noticeShown({ message: `${file.name} could not be opened: ${error}`, field: 'file' });
  // Its inputs are the file's, which opening it again brings back: not work that leaving would lose.
  // A scenario's are recorded from its steps; if the engine cannot say them, the page asks on leaving, as before.
  const opened = read.ok && read.kind === 'session' ? read.session : await controller.session().catch(() => null);
  if (opened) useStore.getState().sessionOpened(opened.actions);
  // The file replaced the cluster: a lecture open over it ends, and the address names what was there before no longer.
  await lectureReplaced(controller);
  linkForgotten();
  if (read.ok && read.kind === 'session') {
    await viewRestored(controller, read.session);
    if (read.left) noticeShown({ message: leftOut(file.name, read.left), field: 'file' });
  } else if (read.ok && read.kind === 'scenario') {
    const key = keyToFollow(read.scenario, useStore.getState().selectedKey);
    if (key !== null) await controller.selectKey(key);
    await scenarioChecked(controller, file.name, read.scenario);
  }
}

/** A scenario's `expect`s, checked as npm run sim checks them: it opened all the same, and the first failure is said. */
async function scenarioChecked(controller: Controller, name: string, scenario: Scenario): Promise<void> {
  try {
    const { checks } = await controller.query({ type: 'checkFile', file: { scenario } });
    const [first] = checks.failures;
    if (first === undefined) return;
    // Counted as npm run sim counts them: `expect` blocks checked and failed, and the comparisons
    // that failed in them, one line each on its standard error (its `expectations.failed`).
    const failed = `${checks.failed} of its ${checks.checked} expectations`;
    const n = checks.failures.length;
    const comparisons = n > checks.failed ? `, ${n} comparisons in all` : '';
    const message = n === 1 ? `${failed} fails: ${first}` : `${failed} ${checks.failed === 1 ? 'fails' : 'fail'}${comparisons}. The first failure: ${first} (npm run sim lists them all)`;
    useStore.getState().noticeShown({ message: `${name} opened, but ${message}`, field: 'file' });
  } catch {
    // The engine stopped (the page says so): the file opened, with nothing more to say.
  }
}

/**
 * Slides an open menu sideways until it is inside the screen, 8 px from its edge. It hangs from
 * File's right edge, and where the header wraps File to the left (a phone, a tablet, a projector
 * at 125%) it ran 117 px off the screen's left, its items' first words cut.
 */
function useShiftOnScreen(menu: RefObject<HTMLElement | null>, isOpen: boolean): number {
  const [shift, setShift] = useState(0);
  useLayoutEffect(() => {
    const element = menu.current;
    const anchor = element?.parentElement;
    if (!isOpen || !element || !anchor) return;
    const measure = () => {
      const margin = 8;
      const right = anchor.getBoundingClientRect().right; // the menu's own right edge, unshifted (right: 0)
      const left = right - element.offsetWidth;
      setShift(left < margin ? margin - left : Math.min(0, document.documentElement.clientWidth - margin - right));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [menu, isOpen]);
  return shift;
}

/**
 * "File": save the session as a scenario file, or open one. The file input is always in
 * the page (hidden), so "Open scenario…" can be reached from the menu and from a test.
 */
function FileMenu({ isLoading, onSave, onOpen }: { isLoading: boolean; onSave: () => void; onOpen: (file: File) => void }) {
  const [isOpen, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const shift = useShiftOnScreen(menu, isOpen);
  useEffect(() => {
    if (!isOpen) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (e: PointerEvent) => !menu.current?.parentElement?.contains(e.target as Node) && setOpen(false);
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [isOpen]);
  const choose = (action: () => void) => {
    setOpen(false);
    // The menu item goes with the menu: the focus goes back to File, not to the page's body.
    button.current?.focus();
    action();
  };
  return (
    // Tabbing out of the menu closes it, as a click elsewhere does: it no longer covers the panel below.
    <div className="file-menu" onBlur={(e) => isOpen && !e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== null && setOpen(false)}>
      <button ref={button} type="button" aria-haspopup="menu" aria-expanded={isOpen} disabled={isLoading} onClick={() => setOpen((o) => !o)}>
        File<span aria-hidden="true"> ▾</span>
      </button>
      {isOpen ? (
        <div
          className="menu"
          style={shift === 0 ? undefined : { translate: `${shift}px 0` }}
          role="menu"
          aria-label="File"
          ref={menu}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              button.current?.focus();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
              const at = items.indexOf(document.activeElement as HTMLElement);
              items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
            }
          }}
        >
          <button type="button" role="menuitem" onClick={() => choose(onSave)}>
            Save scenario
            <small>a JSON file that also runs in npm run sim</small>
          </button>
          <button type="button" role="menuitem" onClick={() => choose(() => input.current?.click())}>
            Open scenario…
            <small>a scenario, a saved session or a lecture</small>
          </button>
        </div>
      ) : null}
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Open scenario"
        className="visually-hidden"
        tabIndex={-1}
        disabled={isLoading}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onOpen(file);
        }}
      />
    </div>
  );
}

/** Copies text to the clipboard; false when the browser does not allow it here. */
async function copy(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
