/** Placeholder: being built. */
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';

export function Explorer({ electionId }: { electionId: string }) {
  const t = useT();
  return (
    <>
      <Heading>{t.explorer.title}</Heading>
      <p>{electionId}</p>
    </>
  );
}
