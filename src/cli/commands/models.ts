import type { Command } from 'commander';

/** `clv fit|validate`, `rules`, `recommend`, `replenish`. */
export function registerModels(_program: Command): void {
  // filled in by the models work
}
