/** `npm run notebooks:install`: registers Deno's kernel in `.tools/jupyter` (nothing global). */
import { installKernel, JUPYTER_DIR } from './jupyter.js';

const dir = await installKernel();
process.stderr.write(`notebooks: kernel installed in ${dir}\nopen the notebooks with: JUPYTER_PATH=${JUPYTER_DIR} jupyter lab notebooks/ (see notebooks/README.md)\n`);
