/**
 * Site paths: a source file's path relative to the project directory, with `/` separators, as
 * site tables and the include/exclude globs see it (docs/transform.md).
 */
import * as path from 'node:path';
import type * as ts from 'typescript';

/** Site paths are relative to the project directory: the tsconfig's folder, else the current directory. */
export function projectDirectory(options: ts.CompilerOptions, program: ts.Program | undefined): string {
  const configFilePath = options['configFilePath'];
  if (typeof configFilePath === 'string') return path.dirname(configFilePath);
  return program?.getCurrentDirectory() ?? process.cwd();
}

/** A path inside the project directory: under it, with `/` separators, and nothing `..` or `.` could change. */
function isPlainDescendant(projectDir: string, fileName: string): boolean {
  const length = projectDir.length;
  return length > 0 && fileName.length > length + 1 && fileName.startsWith(projectDir)
    && fileName.charCodeAt(length) === 0x2f && !fileName.includes('\\')
    && !fileName.includes('./', length) && !fileName.includes('//', length);
}

export function relativePath(projectDir: string, fileName: string): string {
  // A Program's file names are absolute and normalized, with `/` separators, and nearly all lie in the
  // project: cut off its directory rather than normalize both paths for every file.
  if (isPlainDescendant(projectDir, fileName)) return fileName.slice(projectDir.length + 1);
  const relative = path.relative(projectDir, path.resolve(projectDir, fileName));
  return relative.split(path.sep).join('/');
}
