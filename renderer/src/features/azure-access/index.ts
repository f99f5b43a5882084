/** Copilot in Azure access: per tenant, across customers, and the Direct Line network check. */
export { AzureAccessView } from './AzureAccessView';
