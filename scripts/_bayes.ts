import { makeDataset } from '/work/main/graders/datasets/index.ts';
import { loadExercise } from '/work/main/graders/exercise-files.ts';
import { accuracy, crossEntropy } from '/work/main/graders/metrics.ts';
const { meta } = loadExercise('04-activation-depth/01-softmax-blobs');
const p = meta.data.params as any;
let accs: number[] = [], ces: number[] = [];
for (let seed = 0; seed < 200; seed++) {
  const { test } = makeDataset(meta.data, seed);
  const k = test.classes, probs = new Float32Array(test.n * k);
  for (let i = 0; i < test.n; i++) {
    const l = p.centers.map((c: number[]) => -((test.x[2*i]-c[0])**2 + (test.x[2*i+1]-c[1])**2) / (2*p.std**2));
    const m = Math.max(...l); const e = l.map((v: number) => Math.exp(v - m)); const s = e.reduce((a: number, b: number) => a + b);
    e.forEach((v: number, j: number) => probs[i*k+j] = v / s);
  }
  accs.push(accuracy(probs, test.y, k)); ces.push(crossEntropy(probs, test.y, k));
}
const st = (a: number[]) => { const m = a.reduce((x, y) => x + y) / a.length; return `mean ${m.toFixed(4)} sd ${Math.sqrt(a.reduce((x, y) => x + (y-m)**2, 0)/a.length).toFixed(4)} min ${Math.min(...a).toFixed(4)} max ${Math.max(...a).toFixed(4)}`; };
console.log('bayes acc', st(accs)); console.log('bayes ce', st(ces));
