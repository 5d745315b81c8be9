/** How rule messages and fixes name the two sides of a service. */
export const SIDE_NAMES = { staff: 'staff', service_user: 'service users' } as const;
export const SIDE_POSSESSIVES = { staff: "staff's", service_user: "service users'" } as const;
