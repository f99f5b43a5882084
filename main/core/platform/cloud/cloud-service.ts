import { builtInProfile, type CloudProfile } from '../../../../shared/platform/cloud-profile';
import { assertNever } from '../../../../shared/platform/assert-never';
import type { Settings } from '../../../../shared/settings/settings';
import { UserFacingError } from '../errors';

/** A running local sandbox: its profile and the CA certificate the SDK clients must trust. */
export interface SandboxCloud {
  readonly profile: CloudProfile;
  readonly caPem: string;
  /** The app registration the sandbox knows Switchboard by. */
  readonly publicClientId: string;
  close(): Promise<void>;
}

/** Starts the local sandbox on demand (in-process); absent where no sandbox is shipped. */
export interface SandboxConnector {
  start(): Promise<SandboxCloud>;
}

/** The cloud Switchboard talks to now: its profile, and a CA to trust beyond the system's (sandbox). */
export interface ActiveCloud {
  readonly profile: CloudProfile;
  readonly caPem: string | undefined;
}

/**
 * Resolves the settings' cloud profile to an active cloud. The sandbox is started the first time it
 * is needed and kept until the settings move away from it.
 */
export class CloudService {
  private sandbox: Promise<SandboxCloud> | undefined;
  private runningSandbox: SandboxCloud | undefined;

  constructor(
    private readonly settings: () => Settings,
    private readonly connector: SandboxConnector | undefined,
  ) {}

  async active(): Promise<ActiveCloud> {
    const id = this.settings().cloudProfile;
    switch (id) {
      case 'sandbox': {
        const running = await this.startSandbox();
        return { profile: running.profile, caPem: running.caPem };
      }
      case 'public':
      case 'usgov':
      case 'china':
        return { profile: builtInProfile(id), caPem: undefined };
      default:
        return assertNever(id);
    }
  }

  /** The sandbox's own client ID when the sandbox cloud is active and running. */
  sandboxClientId(): string | undefined {
    return this.settings().cloudProfile === 'sandbox' ? this.runningSandbox?.publicClientId : undefined;
  }

  /** The active cloud's profile if known without waiting: built-in clouds, or a sandbox already running. */
  activeProfile(): CloudProfile | undefined {
    const id = this.settings().cloudProfile;
    return id === 'sandbox' ? this.runningSandbox?.profile : builtInProfile(id);
  }

  /** Call after the settings changed: a sandbox no longer chosen is stopped. */
  async settingsChanged(): Promise<void> {
    if (this.settings().cloudProfile !== 'sandbox') await this.close();
  }

  async close(): Promise<void> {
    const running = this.sandbox;
    this.sandbox = undefined;
    this.runningSandbox = undefined;
    if (running) await (await running.catch(() => undefined))?.close();
  }

  private startSandbox(): Promise<SandboxCloud> {
    if (!this.connector) {
      return Promise.reject(
        new UserFacingError(
          'unavailable',
          'The local sandbox is not part of this build. Choose a Microsoft cloud in Settings and enter your app registration’s client ID.',
        ),
      );
    }
    if (!this.sandbox) {
      const starting = this.connector.start();
      this.sandbox = starting;
      starting.then(
        (cloud) => {
          if (this.sandbox === starting) this.runningSandbox = cloud;
        },
        () => undefined,
      );
      // A failed start is not cached: the next attempt tries again.
      starting.catch(() => {
        if (this.sandbox === starting) this.sandbox = undefined;
      });
    }
    return this.sandbox.catch((error: unknown) => {
      throw new UserFacingError(
        'unavailable',
        `The local sandbox could not start: ${error instanceof Error ? error.message : String(error)}. Restart Switchboard; if it happens again, choose a Microsoft cloud in Settings.`,
      );
    });
  }
}
