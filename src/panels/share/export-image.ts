/**
 * Export for slides: a panel's drawing as SVG or PNG, at the size and in the colours on
 * screen. The SVG is the panel's title and its own SVG elements, placed as on screen, with
 * the styles the page's CSS gives them written onto each element, so the file draws the
 * same in a slide program that knows nothing of the page's stylesheet; a canvas (a dense
 * diagram) goes in as an image of its pixels. (An SVG that wraps
 * the panel's HTML in a foreignObject, as DOM-to-image libraries make, draws blank in most
 * slide programs; and html-to-image's PNG lost the ring's CSS fills when tried here.)
 * The PNG is that SVG rasterized by the browser at twice the pixels.
 */

/** Presentation properties the page's CSS sets on SVG elements. */
const SVG_STYLES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'display',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * One SVG document of every top-level `<svg>` and `<canvas>` in `container`, placed as on
 * screen, and of the HTML that says what they show: its legends (swatches, words, the ring's
 * share bar) and the texts marked `data-export` (the Merkle comparison's stage and cost),
 * which dom-to-svg draws as SVG shapes and text, so a slide says what the colours mean. The
 * controls between the title and them (menus, buttons) are left out, and the band they
 * leave is closed up (`exportLayout`).
 */
export async function panelSvg(container: HTMLElement): Promise<string> {
  const box = container.getBoundingClientRect();
  const doc = document.createElementNS(SVG_NS, 'svg');
  const { width, height, shift } = exportLayout(container);
  doc.setAttribute('xmlns', SVG_NS);
  doc.setAttribute('width', String(width));
  doc.setAttribute('height', String(height));
  doc.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(container).backgroundColor || '#fff');
  doc.appendChild(background);
  const title = container.querySelector('.panel-title');
  if (title instanceof HTMLElement && title.textContent) doc.appendChild(titleText(title, box, container.querySelector('[data-export-title]')?.getAttribute('data-export-title') ?? null));
  const at = (rect: DOMRect) => ({ x: rect.left - box.left, y: rect.top - box.top - shift, width: rect.width, height: rect.height });
  for (const drawing of topLevelDrawings(container)) {
    const rect = drawing.getBoundingClientRect();
    const seen = seenBox(drawing, container);
    // Scrolled out of sight, it is not on the slide either.
    if (rect.width === 0 || rect.height === 0 || rect.bottom <= seen.top || rect.top >= seen.bottom) continue;
    const copy = drawing instanceof HTMLCanvasElement ? canvasImage(drawing) : (drawing.cloneNode(true) as SVGSVGElement);
    if (drawing instanceof SVGSVGElement) inlineStyles(drawing, copy);
    placed(copy, at(rect));
    copy.removeAttribute('class');
    if (drawing instanceof SVGSVGElement) copy.removeAttribute('style');
    doc.appendChild(copy);
  }
  const html = htmlToExport(container);
  for (const drawn of await htmlAsSvg(html)) {
    placed(drawn.svg, at(drawn.rect));
    doc.appendChild(drawn.svg);
  }
  // The HTML's own icons (a legend's line for each kind of message) on top, drawn as the drawings are.
  for (const icon of html.flatMap((el) => [...el.querySelectorAll<SVGSVGElement>('svg')])) {
    const rect = icon.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || icon.parentElement?.closest('svg')) continue;
    const copy = icon.cloneNode(true) as SVGSVGElement;
    inlineStyles(icon, copy);
    placed(copy, at(rect));
    copy.removeAttribute('class');
    copy.removeAttribute('style');
    doc.appendChild(copy);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}\n`;
}

/** Puts an exported drawing at `rect` in the picture. */
function placed(copy: Element, rect: { x: number; y: number; width: number; height: number }): void {
  copy.setAttribute('x', String(rect.x));
  copy.setAttribute('y', String(rect.y));
  copy.setAttribute('width', String(rect.width));
  copy.setAttribute('height', String(rect.height));
}

/**
 * Each element drawn as SVG by dom-to-svg, loaded only now (the page itself never needs it).
 * What it cannot draw is left out, not the whole picture: a legend missing is better than no
 * slide. Its comments go: each names the page's address, a shared session's whole link.
 */
async function htmlAsSvg(elements: readonly HTMLElement[]): Promise<{ svg: SVGSVGElement; rect: DOMRect }[]> {
  if (elements.length === 0) return [];
  let elementToSVG: typeof import('dom-to-svg').elementToSVG;
  try {
    ({ elementToSVG } = await import('dom-to-svg'));
  } catch {
    return [];
  }
  const drawn: { svg: SVGSVGElement; rect: DOMRect }[] = [];
  for (const element of elements) {
    // Its icons are drawn as the panel's drawings are (panelSvg): dom-to-svg left those inside buttons blank.
    const icons = [...element.querySelectorAll<SVGSVGElement>('svg')].filter((icon) => icon.style.visibility === '');
    for (const icon of icons) icon.style.visibility = 'hidden';
    try {
      const svg = document.importNode(elementToSVG(element).documentElement, true) as unknown as SVGSVGElement;
      const comments = document.createTreeWalker(svg, NodeFilter.SHOW_COMMENT);
      const found: Node[] = [];
      while (comments.nextNode()) found.push(comments.currentNode);
      for (const comment of found) comment.parentNode?.removeChild(comment);
      withOwnIds(svg, `x${drawn.length + 1}-`);
      drawn.push({ svg, rect: element.getBoundingClientRect() });
    } catch {
      // Left out: see above.
    } finally {
      for (const icon of icons) icon.style.visibility = '';
    }
  }
  return drawn;
}

/**
 * Gives every id in `svg` the prefix, and every reference to one (`url(#…)`, `href="#…"`)
 * with it: each dom-to-svg drawing numbers its ids from 1, so two in one file both had
 * `mask-for-lat-hist11`, and the second histogram's mask was the first's.
 */
function withOwnIds(svg: Element, prefix: string): void {
  const renamed = new Map<string, string>();
  for (const el of svg.querySelectorAll('[id]')) {
    renamed.set(el.id, prefix + el.id);
    el.id = prefix + el.id;
  }
  if (renamed.size === 0) return;
  const rename = (id: string) => renamed.get(id) ?? id;
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const isHref = attr.localName === 'href' && attr.value.startsWith('#');
      const value = isHref ? `#${rename(attr.value.slice(1))}` : attr.value.replace(/url\(\s*(["']?)#([^"')\s]+)\1\s*\)/g, (_, quote: string, id: string) => `url(${quote}#${rename(id)}${quote})`);
      if (value !== attr.value) attr.value = value;
    }
  }
}

/** The panel's HTML that goes into the picture, whole on screen: its legends and the texts marked `data-export`. */
function htmlToExport(container: HTMLElement): HTMLElement[] {
  // Not a button named Legend (the narrow Merkle panel's, which opens its legend), nor a legend
  // that floats over the drawing (that button's pop-over): on a slide it would hide the drawing.
  return [...container.querySelectorAll<HTMLElement>(':not(button)[aria-label="Legend"], [data-export]')].filter((el) => {
    const rect = el.getBoundingClientRect();
    const isFloating = !el.hasAttribute('data-export') && isInFloating(el, container);
    const seen = seenBox(el, container);
    return !el.closest('svg') && !el.parentElement?.closest('[aria-label="Legend"], [data-export]') && !isFloating && rect.width > 0 && rect.height > 0 && rect.top >= seen.top - 1 && rect.bottom <= seen.bottom + 1;
  });
}

/**
 * The part of the panel in which `el` can be seen: the panel's box, cut by every box between
 * them that clips what it holds (a panel's scrolling body). Against the panel's box alone, a
 * list scrolled up under the title counted as on screen, and the slide drew it over the title.
 */
function seenBox(el: Element, container: HTMLElement): { top: number; bottom: number } {
  const box = container.getBoundingClientRect();
  let { top, bottom } = box;
  for (let at = el.parentElement; at && at !== container; at = at.parentElement) {
    if (getComputedStyle(at).overflowY === 'visible') continue;
    const clip = at.getBoundingClientRect();
    top = Math.max(top, clip.top);
    bottom = Math.min(bottom, clip.bottom);
  }
  return { top, bottom };
}

/** True when `el`, or an element between it and `container`, is laid over the rest (positioned absolutely or fixed). */
function isInFloating(el: HTMLElement, container: HTMLElement): boolean {
  for (let at: HTMLElement | null = el; at && at !== container; at = at.parentElement) {
    const { position } = getComputedStyle(at);
    if (position === 'absolute' || position === 'fixed') return true;
  }
  return false;
}

/** The same drawing as a PNG at twice its pixels, for a sharp slide: the SVG above, rasterized by the browser. */
export async function panelPng(container: HTMLElement): Promise<Blob> {
  const box = exportLayout(container);
  const url = URL.createObjectURL(new Blob([await panelSvg(container)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(box.width) * 2;
    canvas.height = Math.ceil(box.height) * 2;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Drawings smaller than this each way are a legend's icons, not what a panel's picture is of. */
const ICON_PX = 32;

/**
 * The exported picture's size, and how far up what is below the title moves: the panel's
 * width, and its height down to the lowest edge of its drawings and exported HTML (and a
 * small margin); what lies below them on screen is left out (it left the bottom quarter of a
 * ring's PNG blank on a slide). Between the title and the first of them, a panel may have
 * rows of controls, left out too: the band they leave is closed up to a small margin (the
 * Merkle panel's trees stood a third of the way down an empty picture).
 */
function exportLayout(container: HTMLElement): { width: number; height: number; shift: number } {
  const box = container.getBoundingClientRect();
  // A legend's 14 px icons are drawings too, but not what the picture is of: only drawings at least
  // ICON_PX each way, and in sight (a scrolled one may sit above the panel's top, or under its title), say where it starts and ends.
  const shown = [
    ...topLevelDrawings(container)
      .filter((drawing) => {
        const [rect, seen] = [drawing.getBoundingClientRect(), seenBox(drawing, container)];
        return rect.width >= ICON_PX && rect.height >= ICON_PX && rect.bottom > seen.top && rect.top < seen.bottom;
      })
      .map((drawing) => drawing.getBoundingClientRect()),
    ...htmlToExport(container).map((el) => el.getBoundingClientRect()),
  ];
  const width = Math.ceil(box.width);
  if (shown.length === 0) return { width, height: Math.max(1, Math.ceil(box.height)), shift: 0 };
  const title = container.querySelector('.panel-title');
  const titleBottom = title instanceof HTMLElement && title.textContent ? title.getBoundingClientRect().bottom - box.top : 0;
  const top = Math.min(...shown.map((rect) => rect.top - box.top));
  const shift = Math.max(0, Math.floor(top - titleBottom - MARGIN_PX));
  const bottom = Math.min(box.height, Math.max(...shown.map((rect) => rect.bottom - box.top)) + MARGIN_PX);
  return { width, height: Math.max(1, Math.ceil(bottom - shift)), shift };
}

/** The margin left below the title and below the lowest drawing. */
const MARGIN_PX = 8;

/** Saves a blob under `fileName` through the browser's download. */
export function download(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}

/**
 * The panel's title as SVG text, where and how the page shows it, followed by what the panel's
 * `data-export-title` adds for a slide (the Merkle trees' key range, named on the page only
 * by a select, which is left out).
 */
function titleText(title: HTMLElement, box: DOMRect, more: string | null): SVGTextElement {
  const rect = title.getBoundingClientRect();
  const computed = getComputedStyle(title);
  const text = document.createElementNS(SVG_NS, 'text');
  text.setAttribute('x', String(rect.left - box.left));
  text.setAttribute('y', String(rect.top - box.top + parseFloat(computed.fontSize)));
  text.setAttribute('style', `font-family:${computed.fontFamily};font-size:${computed.fontSize};font-weight:${computed.fontWeight};fill:${computed.color}`);
  text.textContent = [title.textContent ?? '', more].filter(Boolean).join(' · ').replace(/\s+/g, ' ').trim();
  return text;
}

/** The panel's SVG drawings and canvases (a dense diagram draws on one), in page order. */
function topLevelDrawings(container: HTMLElement): (SVGSVGElement | HTMLCanvasElement)[] {
  // The icons of exported HTML are drawn after it (panelSvg); those of HTML left out are left out with it.
  return [...container.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('svg, canvas')].filter((el) => !el.parentElement?.closest('svg') && !el.closest('.export-buttons') && !el.closest('[aria-label="Legend"], [data-export]'));
}

/** A canvas as an SVG image of its pixels. */
function canvasImage(canvas: HTMLCanvasElement): SVGImageElement {
  const image = document.createElementNS(SVG_NS, 'image');
  image.setAttribute('href', canvas.toDataURL('image/png'));
  return image;
}

/** Writes each element's computed presentation styles onto its copy (same tree shape). */
function inlineStyles(source: Element, copy: Element): void {
  const computed = getComputedStyle(source);
  const style = SVG_STYLES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  copy.setAttribute('style', style);
  copy.removeAttribute('class');
  const from = source.children;
  const to = copy.children;
  for (let i = 0; i < from.length && i < to.length; i++) inlineStyles(from[i]!, to[i]!);
}
