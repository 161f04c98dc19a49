/**
 * Text naming keys and values, drawn with each right-to-left name isolated (named-text.ts): in
 * HTML in a `<bdi>`, in SVG in a tspan with `unicode-bidi="plaintext"`, the presentation
 * attribute (Chromium honours it on a tspan, and an exported SVG keeps it, where a class's
 * style would be left behind). Both take their direction from the name's first letter, as
 * `<bdi>` does.
 */
import { Fragment } from 'react';
import { keyName, type Json } from '../engine/index';
import { shownValue } from '../panels/versions/latest-read';
import { textRuns } from './named-text';

/** A line of text naming keys or values (a trace line, a note): its words as they are, each right-to-left name in a `<bdi>`. */
export function NamedText({ text }: { text: string }) {
  return (
    <>
      {textRuns(text).map((run, i) => (run.isIsolated ? <bdi key={i}>{run.text}</bdi> : <Fragment key={i}>{run.text}</Fragment>))}
    </>
  );
}

/** The same inside an SVG `<text>`, which has no `<bdi>`. */
export function NamedTspans({ text }: { text: string }) {
  return (
    <>
      {textRuns(text).map((run, i) =>
        run.isIsolated ? (
          <tspan key={i} unicodeBidi="plaintext">
            {run.text}
          </tspan>
        ) : (
          <Fragment key={i}>{run.text}</Fragment>
        ),
      )}
    </>
  );
}

/**
 * A key as a line names it (`keyName`: quoted where odd, its control and bidi characters
 * escaped), in its own `<bdi>` whatever its script: the words after it ("@ 59 · N=3") keep the
 * line's direction. `shown` when the name is cut to its first characters (`ringKeyName`).
 */
export function KeyText({ k, shown = keyName(k), title }: { k: string; shown?: string; title?: string }) {
  return <bdi title={title}>{shown}</bdi>;
}

/** A value as a line shows it (`shownValue`: as the client form writes it, its control and bidi characters escaped), in its own `<bdi>`. */
export function ValueText({ value }: { value: Json }) {
  return <bdi>{shownValue(value)}</bdi>;
}
