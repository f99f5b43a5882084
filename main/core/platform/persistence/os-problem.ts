/** An OS error in words: "permission denied", "read-only file system", ... */
export function osProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOENT':
      return 'it does not exist';
    case 'EIO':
      return 'the disk reported an error';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
