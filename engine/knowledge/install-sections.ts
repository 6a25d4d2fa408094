/**
 * SetupAPI's functions that carry out an INF install section, and the SPINST_ flags that choose
 * what SetupInstallFromInfSection does (docs/installer-facts.md#file-queues). Values are those of
 * mingw-w64's setupapi.h.
 */

/** The Flags of SetupInstallFromInfSection[A|W] by name. */
export const SPINST_FLAGS: ReadonlyMap<string, number> = new Map([
  ['SPINST_LOGCONFIG', 0x1],
  ['SPINST_INIFILES', 0x2],
  ['SPINST_REGISTRY', 0x4],
  ['SPINST_INI2REG', 0x8],
  ['SPINST_FILES', 0x10],
  ['SPINST_BITREG', 0x20],
  ['SPINST_REGSVR', 0x40],
  ['SPINST_UNREGSVR', 0x80],
  ['SPINST_PROFILEITEMS', 0x100],
  ['SPINST_COPYINF', 0x200],
  ['SPINST_ALL', 0x3ff],
  ['SPINST_SINGLESECTION', 0x10000],
  ['SPINST_LOGCONFIG_IS_FORCED', 0x20000],
  ['SPINST_LOGCONFIGS_ARE_OVERRIDES', 0x40000],
  ['SPINST_REGISTERCALLBACKAWARE', 0x80000],
]);

/** The bit that makes SetupInstallFromInfSection carry out CopyFiles, DelFiles and RenFiles. */
export const SPINST_FILES = 0x10;

/**
 * Functions that carry out the file operations of an INF install section, with the index of the
 * Flags argument that decides it, or null when they always do: SetupInstallFilesFromInfSection
 * queues every file of the section's CopyFiles, DelFiles and RenFiles.
 */
export const INSTALL_SECTION_APIS: ReadonlyMap<string, number | null> = new Map(
  (
    [
      ['SetupInstallFromInfSection', 3],
      ['SetupInstallFilesFromInfSection', null],
    ] as const
  ).flatMap(([name, flags]) => [name, `${name}A`, `${name}W`].map((n): [string, number | null] => [n, flags])),
);
