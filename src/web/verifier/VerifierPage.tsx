/** Placeholder: being built. */
import { Heading } from '../common.tsx';
import { useT } from '../i18n/index.ts';

export function VerifierPage() {
  const t = useT();
  return (
    <>
      <Heading>{t.verifierPage.title}</Heading>
      <p>{''}</p>
    </>
  );
}
