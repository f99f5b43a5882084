/** In-flight sign-in state: authorization codes and device codes, with their expiry on the clock. */
import { randomBytes } from 'node:crypto';

export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: string | undefined;
  readonly userId: string;
  /** The tenant the sign-in was for (the user's home for common/organizations). */
  readonly tenantId: string;
  readonly scopes: ReadonlyArray<string>;
  readonly nonce: string | undefined;
  readonly expiresAt: number;
}

export interface DeviceCode {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly scopes: ReadonlyArray<string>;
  /** The tenant segment the device code was asked for. */
  readonly tenantSegment: string;
  readonly expiresAt: number;
  readonly intervalSeconds: number;
  lastPollAt: number | undefined;
  state: 'pending' | 'approved' | 'declined' | 'redeemed';
  userId: string | undefined;
}

/** Authorization codes live 10 minutes (Microsoft identity platform: "short lived, about 10 minutes"). */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** Device codes live 15 minutes (expires_in 900 in the devicecode response). */
export const DEVICE_CODE_LIFETIME_MS = 15 * 60_000;

export class Flows {
  readonly codes = new Map<string, AuthorizationCode>();
  readonly devices = new Map<string, DeviceCode>();

  newCode(code: AuthorizationCode): string {
    const value = `sbxcode.${randomBytes(24).toString('base64url')}`;
    this.codes.set(value, code);
    return value;
  }

  newDeviceCode(
    input: Omit<DeviceCode, 'deviceCode' | 'userCode' | 'lastPollAt' | 'state' | 'userId'>,
  ): DeviceCode {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const bytes = randomBytes(9);
    const userCode = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    const device: DeviceCode = {
      ...input,
      deviceCode: `sbxdevice.${randomBytes(32).toString('base64url')}`,
      userCode,
      lastPollAt: undefined,
      state: 'pending',
      userId: undefined,
    };
    this.devices.set(device.deviceCode, device);
    return device;
  }

  deviceByUserCode(userCode: string): DeviceCode | undefined {
    const wanted = userCode.trim().toUpperCase().replace(/[\s-]/g, '');
    return [...this.devices.values()].find((d) => d.userCode === wanted);
  }
}
