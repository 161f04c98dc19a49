import { describe, expect, it } from 'vitest';
import { foldOf, type Paragraph, type Span } from './narration-fold';

/** `count` lines of `height` px every `pitch` px from `top`, in a paragraph box `pad` px around them. */
function paragraph(top: number, count: number, pitch = 26, height = 24, pad = 0): Paragraph {
  const lines: Span[] = Array.from({ length: count }, (_, i) => ({ top: top + i * pitch, bottom: top + i * pitch + height }));
  return { box: { top: top - pad, bottom: top + (count - 1) * pitch + height + pad }, lines };
}

describe('the narration box folds its text on whole lines', () => {
  it('hides the line its foot cuts, and More brings the last whole line to the top', () => {
    // Lines at 3, 29, ... 237, 263: a box 271 px tall cuts the eleventh (263 to 287).
    const fold = foldOf(271, [paragraph(3, 12)]);
    expect(fold).toEqual({ hideTop: 0, hideBottom: 271 - 263, page: 237 });
  });

  it('hides nothing where the foot falls between lines', () => {
    expect(foldOf(262, [paragraph(3, 12)])).toEqual({ hideTop: 0, hideBottom: 0, page: 237 });
  });

  it("hides the whole card, border and background too, when its first line is the one cut (Merkle step 12's inspect card)", () => {
    const narration = paragraph(3, 9);
    const card = paragraph(255, 2, 23.4, 21, 6);
    const fold = foldOf(271, [narration, card]);
    expect(fold.hideBottom).toBe(271 - 249);
    expect(fold.page).toBe(211);
  });

  it("keeps the card's whole lines, hiding only the cut one", () => {
    const card = paragraph(200, 3, 23.4, 21, 6);
    const fold = foldOf(240, [paragraph(3, 7), card]);
    expect(fold.hideBottom).toBeCloseTo(240 - 223.4);
  });

  it('hides the line the top cuts, scrolled to the end', () => {
    const fold = foldOf(100, [paragraph(-10, 4)]);
    expect(fold).toEqual({ hideTop: 14, hideBottom: 0, page: 68 });
  });

  it('pages on to the line under it where one line alone is shown whole', () => {
    expect(foldOf(40, [paragraph(0, 3)]).page).toBe(26);
  });

  it('hides nothing in a box shorter than a line', () => {
    expect(foldOf(10, [paragraph(3, 2)])).toEqual({ hideTop: 0, hideBottom: 0, page: null });
  });
});
