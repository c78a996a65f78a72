import type { Command } from 'commander';

/** `report repurchase|cohorts|overview`. */
export function registerReport(_program: Command): void {
  // filled in by the analytics work
}
