import { useCommand } from '../../app/bridge/use-command';

/**
 * Why the signed-in account may not change GDAP (only admin agents may), or null when it may or when
 * that could not be read (then Graph's 403 still says so when a change is sent). Read again when the
 * account changes.
 */
export function useGdapWriteBlock(): string | null {
  const read = useCommand('gdap.permissions', {}, { reloadOn: ['auth.changed'] });
  return read.data?.canWrite === false ? read.data.reason : null;
}
