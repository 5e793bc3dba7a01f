import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';

describe('parseManifest', () => {
  it('reads rows with a BOM, CRLF, quoted fields and optional columns', () => {
    const text =
      '\uFEFFFile,Study,label,annotation,crop\r\nliver/a.png,s1,Liver,"LT LOBE, TRANS","10,20,300,200"\r\nb.png,,,,\r\n';
    expect(parseManifest(text)).toEqual({
      rows: [
        {
          line: 2,
          file: 'liver/a.png',
          study: 's1',
          label: 'Liver',
          annotation: 'LT LOBE, TRANS',
          crop: { x: 10, y: 20, width: 300, height: 200 },
        },
        {
          line: 3,
          file: 'b.png',
          study: undefined,
          label: undefined,
          annotation: undefined,
          crop: undefined,
        },
      ],
      errors: [],
    });
  });

  it('maps named columns, such as the public BUS-BRA manifest', () => {
    const { rows, errors } = parseManifest('file,label,group\nbus_0001-l.png,benign,1\n', {
      study: 'group',
    });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        file: 'bus_0001-l.png',
        study: '1',
        label: 'benign',
        annotation: undefined,
        crop: undefined,
      },
    ]);
  });

  it('names a missing column and lists the columns found', () => {
    expect(parseManifest('path,label\na.png,x\n')).toEqual({
      rows: [],
      errors: [{ line: 1, message: 'The manifest has no "file" column; its columns are "path", "label".' }],
    });
    expect(
      parseManifest('file,label\na.png,x\n', { label: 'diagnosis', study: undefined }).errors[0]?.message,
    ).toBe('The manifest has no "diagnosis" column; its columns are "file", "label".');
    expect(parseManifest('').errors).toEqual([{ line: 1, message: 'The manifest is empty.' }]);
  });

  it('reports bad quoting, wrong field counts, bad crops and missing files by line, keeping good rows', () => {
    const text = [
      'file,label,crop',
      'a.png,li"ver,',
      'b.png,ok,"1,2,3"',
      'c.png,ok,,extra',
      ',ok,',
      'd.png,ok,"0,0,5,5"',
    ].join('\n');
    const { rows, errors } = parseManifest(text);
    expect(rows.map((row) => [row.line, row.file])).toEqual([[6, 'd.png']]);
    expect(errors.map((error) => error.line)).toEqual([2, 3, 4, 5]);
    expect(errors[0]?.message).toContain('Invalid Opening Quote');
    expect(errors[1]?.message).toBe(
      'The crop "1,2,3" is not x,y,width,height in whole pixels with a positive size.',
    );
    expect(errors[3]?.message).toBe('The row names no file.');
  });

  it('gives a quoted multi-line field the line where its row ends', () => {
    const { rows } = parseManifest('file,annotation\na.png,"two\nlines"\nb.png,x\n');
    expect(rows.map((row) => [row.line, row.annotation])).toEqual([
      [3, 'two\nlines'],
      [4, 'x'],
    ]);
  });

  // A large import's manifest; the generous timeout keeps a busy machine from failing it.
  it('reads 100,000 rows', () => {
    const lines = ['file,study,label,crop'];
    for (let i = 0; i < 100_000; i++)
      lines.push(`study${i % 500}/image${i}.png,study${i % 500},class${i % 11},"0,0,256,256"`);
    const { rows, errors } = parseManifest(lines.join('\n'));
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(100_000);
    expect(rows[99_999]).toMatchObject({ line: 100_001, file: 'study499/image99999.png', label: 'class9' });
  }, 60_000);
});
