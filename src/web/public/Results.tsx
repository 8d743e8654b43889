/** Placeholder: being built. */
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';

export function Results({ electionId }: { electionId: string }) {
  const t = useT();
  return (
    <>
      <Heading>{t.results.title}</Heading>
      <p>{electionId}</p>
    </>
  );
}
