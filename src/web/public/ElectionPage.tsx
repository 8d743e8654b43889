/** Placeholder: being built. */
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';

export function ElectionPage({ electionId }: { electionId: string }) {
  const t = useT();
  return (
    <>
      <Heading>{t.electionPage.title}</Heading>
      <p>{electionId}</p>
    </>
  );
}
