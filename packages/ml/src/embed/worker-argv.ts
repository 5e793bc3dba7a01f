/**
 * The parent's Node flags minus any that load tsx (`--import …/tsx/…`, `--require …/tsx/…`, `--import tsx`):
 * the worker bootstrap registers tsx itself, and registering it twice would transform files twice.
 */
export function workerExecArgv(parentArgv: readonly string[]): string[] {
  const kept: string[] = [];
  const loadsTsx = (value: string | undefined) =>
    value !== undefined && /(^tsx$)|([\\/]tsx[\\/])/.test(value);
  for (let index = 0; index < parentArgv.length; index++) {
    const flag = parentArgv[index] as string;
    const [name, inlineValue] = flag.split(/=(.*)/s, 2);
    const isLoaderFlag = name === '--import' || name === '--require' || name === '-r' || name === '--loader';
    if (isLoaderFlag && inlineValue === undefined && loadsTsx(parentArgv[index + 1])) {
      index++;
      continue;
    }
    if (isLoaderFlag && loadsTsx(inlineValue)) continue;
    kept.push(flag);
  }
  return kept;
}
