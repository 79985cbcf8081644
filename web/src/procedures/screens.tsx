/** The procedures that start from the menu (no person yet): 転入 and 外国人住民の届出. */
import { NewResidents } from './NewResidents';

export const MoveInScreen = () => <NewResidents procedure="moveIn" />;
export const ForeignResidentScreen = () => <NewResidents procedure="registerForeignResident" />;
