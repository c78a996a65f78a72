// Moved to the product: the demo's loyalty programme is src/app/demo-loyalty.ts (kept only while scratch scripts still import it).
export { seedLoyalty } from '../../src/app/demo-loyalty.ts';
