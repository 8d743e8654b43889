/** Placeholder: being built. */
import { Heading } from '../../common.tsx';
import { useT } from '../../i18n/index.ts';

export function RollImport({ electionId }: { electionId: string }) {
  const t = useT();
  return (
    <>
      <Heading>{t.roll.title}</Heading>
      <p>{electionId}</p>
    </>
  );
}
