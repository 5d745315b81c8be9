import * as fs from 'fs';
import * as path from 'path';

/** The package's own folder (package.json, schemas/, frameworks/), whether running from out/ (tsc) or dist/ (bundle). */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'schemas', 'framework.schema.json'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..', '..', '..');
}

/** The version in package.json (0.0.0 when it cannot be read), for --version, SARIF and the server's info. */
export function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
