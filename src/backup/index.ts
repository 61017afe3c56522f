/** Backup and restore (docs/operations.md, "Backup and restore"): the domain's public face. */
export { ArchiveRefused, type Manifest, verifyArchive } from './archive.js';
export { type BackupProgress, type BackupSummary, createBackup } from './backup.js';
export { type RestoreProgress, RestoreRefused, type RestoreSummary, restoreBackup } from './restore.js';
