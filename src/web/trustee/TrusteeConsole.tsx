/** Placeholder: being built. */
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';

export function TrusteeConsole({ electionId }: { electionId: string }) {
  const t = useT();
  return (
    <>
      <Heading>{t.trustee.title}</Heading>
      <p>{electionId}</p>
    </>
  );
}
