/** Placeholder: being built. */
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';

export function RollCheck({ electionId }: { electionId: string }) {
  const t = useT();
  return (
    <>
      <Heading>{t.rollCheck.title}</Heading>
      <p>{electionId}</p>
    </>
  );
}
