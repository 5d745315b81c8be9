/** How the core reads files. The CLI reads the disk; the language server overlays open editors. */
export interface FileHost {
  /** The file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Entries (names, not paths) of a folder, with a flag for sub-folders; empty when unreadable. */
  readDirectory(dir: string): { name: string; isDirectory: boolean }[];
  /**
   * Why `readFile` gave nothing, when the file exists but is refused ("is not a regular file",
   * "is larger than 20 MB"); undefined when it does not exist or the host cannot tell.
   */
  refusal?(path: string): string | undefined;
  /** Why a folder cannot be listed ("does not exist", "is not a folder (it is a file)"); undefined when it can, or the host cannot tell. */
  folderRefusal?(path: string): string | undefined;
}
