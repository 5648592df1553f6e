// Aggregation conformance through the driver: the stages the product uses, and the countDocuments pipeline.
import { beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { useDriverDatabase } from './setup';

const ctx = useDriverDatabase();
const teamA = new ObjectId();
const teamB = new ObjectId();

beforeAll(async () => {
  await ctx.db.collection('teams').insertMany([
    { _id: teamA, name: 'Alpha' },
    { _id: teamB, name: 'Beta' },
  ]);
  await ctx.db.collection('tickets').insertMany([
    { team: teamA, phase: 'open', points: 3, labels: ['bug', 'urgent'], openedAt: new Date('2024-01-01') },
    { team: teamA, phase: 'closed', points: 5, labels: ['bug'], openedAt: new Date('2024-01-02') },
    { team: teamB, phase: 'open', points: 8, labels: ['feature'], openedAt: new Date('2024-01-03') },
    { team: teamB, phase: 'open', points: 1, labels: [], openedAt: new Date('2024-01-04') },
    { team: teamA, phase: 'open', points: 2, labels: ['urgent'], openedAt: new Date('2024-01-05') },
  ]);
});

describe('aggregate', () => {
  it('runs $match, $group, $sort and $project', async () => {
    const rows = await ctx.db
      .collection('tickets')
      .aggregate([
        { $match: { phase: 'open' } },
        { $group: { _id: '$team', total: { $sum: '$points' }, count: { $sum: 1 }, first: { $min: '$openedAt' } } },
        { $sort: { total: -1 } },
        { $project: { _id: 0, team: '$_id', total: 1, count: 1, first: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { team: teamB, total: 9, count: 2, first: new Date('2024-01-03') },
      { team: teamA, total: 5, count: 2, first: new Date('2024-01-01') },
    ]);
  });

  it('joins with $lookup on ObjectIds and flattens with $unwind', async () => {
    const rows = await ctx.db
      .collection('tickets')
      .aggregate([
        { $match: { points: { $gte: 3 } } },
        { $lookup: { from: 'teams', localField: 'team', foreignField: '_id', as: 'teamDoc' } },
        { $unwind: '$teamDoc' },
        { $unwind: '$labels' },
        { $sort: { points: 1, labels: 1 } },
        { $project: { _id: 0, points: 1, label: '$labels', team: '$teamDoc.name' } },
      ])
      .toArray();
    expect(rows).toEqual([
      { points: 3, label: 'bug', team: 'Alpha' },
      { points: 3, label: 'urgent', team: 'Alpha' },
      { points: 5, label: 'bug', team: 'Alpha' },
      { points: 8, label: 'feature', team: 'Beta' },
    ]);
  });

  it('supports $count, $skip, $limit and $facet', async () => {
    const tickets = ctx.db.collection('tickets');
    expect(await tickets.aggregate([{ $match: { phase: 'open' } }, { $count: 'n' }]).toArray()).toEqual([{ n: 4 }]);
    const page = await tickets.aggregate([{ $sort: { openedAt: 1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 0, points: 1 } }]).toArray();
    expect(page).toEqual([{ points: 5 }, { points: 8 }]);
    const [facets] = await tickets
      .aggregate([
        {
          $facet: {
            byPhase: [{ $group: { _id: '$phase', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            total: [{ $count: 'n' }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({ byPhase: [{ _id: 'closed', n: 1 }, { _id: 'open', n: 4 }], total: [{ n: 5 }] });
  });

  it('answers countDocuments with skip and limit, and an empty collection', async () => {
    const tickets = ctx.db.collection('tickets');
    expect(await tickets.countDocuments({ team: teamA })).toBe(3);
    expect(await tickets.countDocuments({ team: teamA }, { skip: 1, limit: 5 })).toBe(2);
    expect(await ctx.db.collection('nothing_here').countDocuments({})).toBe(0);
    expect(await ctx.db.collection('nothing_here').aggregate([{ $match: {} }]).toArray()).toEqual([]);
  });

  it('streams large aggregate results through getMore', async () => {
    const many = ctx.db.collection('many');
    await many.insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));
    const out = await many.aggregate([{ $sort: { i: -1 } }], { batchSize: 40 }).toArray();
    expect(out).toHaveLength(300);
    expect(out[0]?.i).toBe(299);
  });
});
