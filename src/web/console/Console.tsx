/** Placeholder: being built. */
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';

export function Console({ path }: { path: string }) {
  const t = useT();
  return (
    <>
      <Heading>{t.console.title}</Heading>
      <p>{path}</p>
    </>
  );
}
