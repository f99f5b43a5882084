/** B2B guests: a customer's guest accounts (section of the customer page) and the access matrix. */
export { GuestSection } from './GuestSection';
export { AccessMatrixView } from './AccessMatrixView';
