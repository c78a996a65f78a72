import type { Command } from 'commander';

/** `segment rfm|pyramid|abcd|clusters`, `segments save|list|members|export`, `tags`. */
export function registerSegment(_program: Command): void {
  // filled in by the segmentation work
}
