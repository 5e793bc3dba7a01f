export { type ExportedModelInfo, exportClassifier, stackHead } from './export-model';
