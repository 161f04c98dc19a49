/**
 * "SVG" and "PNG" buttons for a panel's title bar: download what the panel draws, at the
 * size and in the colours on screen, for a slide.
 */
import type { RefObject } from 'react';
import { useStore } from '../../store/store';
import { download, panelPng, panelSvg } from './export-image';

export function ExportButtons({ target, name, label }: { target: RefObject<HTMLElement | null>; name: string; label: string }) {
  const noticeShown = useStore((s) => s.noticeShown);
  const save = async (format: 'svg' | 'png') => {
    const node = target.current;
    if (!node) return;
    try {
      const blob = format === 'svg' ? new Blob([await panelSvg(node)], { type: 'image/svg+xml' }) : await panelPng(node);
      download(blob, `dynamoscope-${name}.${format}`);
    } catch (error) {
      noticeShown({ message: `The ${label.toLowerCase()} could not be exported as ${format.toUpperCase()}: ${(error as Error).message}`, field: 'export' });
    }
  };
  return (
    <span className="export-buttons">
      <button type="button" aria-label={`Download ${label} as SVG`} title={`Download ${label} as SVG`} onClick={() => void save('svg')}>
        SVG
      </button>
      <button type="button" aria-label={`Download ${label} as PNG`} title={`Download ${label} as PNG`} onClick={() => void save('png')}>
        PNG
      </button>
    </span>
  );
}
