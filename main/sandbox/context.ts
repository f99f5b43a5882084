import type { SandboxClock } from './clock';
import type { TokenService } from './identity/token-service';
import type { SeededRandom } from './random';
import type { SandboxState } from './state/state';

/** What every route module gets: the world, the clock, the token service, and the origin. */
export interface SandboxContext {
  readonly state: SandboxState;
  readonly clock: SandboxClock;
  readonly tokens: TokenService;
  readonly random: SeededRandom;
  /** https://127.0.0.1:PORT */
  readonly baseUrl: string;
  /** Marks the state changed (saved to the state file when persistence is on). */
  changed(): void;
}
