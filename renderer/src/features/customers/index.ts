/** Customers: the list, a customer's page, and the store every feature reads customers from. */
export { CustomersView } from './CustomersView';
export { subscribeToCustomerChanges, useCustomers } from './customers-store';
