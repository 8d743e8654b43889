/** Placeholder: being built. */
import { Heading } from '../../common.tsx';
import { useT } from '../../i18n/index.ts';

export function Invitations({ electionId }: { electionId: string }) {
  const t = useT();
  return (
    <>
      <Heading>{t.invitations.title}</Heading>
      <p>{electionId}</p>
    </>
  );
}
