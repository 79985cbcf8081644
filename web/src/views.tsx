/** The views that open over the menu's screen (navigation.ts), each with what it starts from. */
import { useNavigation, type View } from './navigation';
import { PersonView } from './pages/PersonView';
import { CertificateIssue } from './pages/CertificateIssue';
import { Move } from './procedures/Move';
import { Birth } from './procedures/Birth';
import { Death } from './procedures/Death';
import { HouseholdChange } from './procedures/HouseholdChange';
import { Correction } from './procedures/Correction';
import { NewResidents } from './procedures/NewResidents';

export function ViewOf({ view }: { view: View }) {
  const nav = useNavigation();
  switch (view.kind) {
    case 'person':
      return <PersonView addresseeNo={view.addresseeNo} />;
    case 'certificate':
      return <CertificateIssue addresseeNo={view.addresseeNo} onBack={nav.back} />;
    case 'procedure': {
      const a = view.addresseeNo ?? '';
      switch (view.procedure) {
        case 'moveIn':
        case 'registerForeignResident':
          return <NewResidents procedure={view.procedure} />;
        case 'moveWithin':
        case 'moveOut':
          return <Move procedure={view.procedure} addresseeNo={a} />;
        case 'birth':
          return <Birth addresseeNo={a} />;
        case 'death':
          return <Death addresseeNo={a} />;
        case 'changeHousehold':
          return <HouseholdChange addresseeNo={a} />;
        case 'correctExOfficio':
          return <Correction addresseeNo={a} />;
      }
    }
  }
}
