/**
 * Rule `p-vs-ci`: the p-value recomputed from the CI (normal approximation,
 * log scale for ratios) against the reported p, the way statcheck checks
 * p-values. A disagreement about significance is an error unless a bound
 * sits on the null; a p far from the recomputed range (over every rounding of
 * the figures) is a warning, or an error where more than twice off.
 */

import type { Finding } from '../../types.js'
import { nullValueOf } from '../../vocabulary/measures.js'
import { decimals, halfLastDigit, normalCdf, zOfLevel } from '../numbers.js'
import { checkId } from '../rule-ids.js'
import { resultRule } from '../rule.js'
import { severities } from '../severities.js'

const severity = severities[checkId.pVersusInterval]

/** A reported p more than this many times off the range recomputed from the CI cannot be right. */
const cannotAgreeFactor = 2

/** A reported p more than this many times off the range recomputed from the CI is far from it. */
const farFactor = 1.25

/** Below this p, a rounded CI says no more than `p<0.001`. */
const smallestTellableP = 0.001

/** The rule. */
export const pVersusInterval = resultRule(checkId.pVersusInterval, (result): Finding[] => {
  const { ci, p, measure, value } = result
  if (!ci || !p || p.value === null || value === null || !measure || ci.lower > ci.upper) return []
  // A ratio's null is 1 (its CI on the log scale), a difference's 0; other measures have none.
  const nullValue = nullValueOf(measure)
  if (nullValue === undefined) return []
  const ratio = nullValue === 1
  if (ratio && (ci.lower <= 0 || value <= 0)) return []
  if (value < ci.lower || value > ci.upper) return []
  const scale = (x: number) => (ratio ? Math.log(x) : x)
  const z = zOfLevel(ci.level ?? 95)
  const standardError = (scale(ci.upper) - scale(ci.lower)) / (2 * z)
  if (standardError <= 0) return []
  const recomputed = 2 * (1 - normalCdf(Math.abs(scale(value) - scale(nullValue)) / standardError))
  const alpha = 1 - (ci.level ?? 95) / 100
  const excludesNull = ci.lower > nullValue || ci.upper < nullValue
  const onNull = ci.lower === nullValue || ci.upper === nullValue
  // p exactly at alpha decides nothing.
  const reportedSignificant =
    ((p.relation === '<' || p.relation === '≤') && p.value <= alpha) ||
    (p.relation === '=' && p.value < alpha)
  const reportedNotSignificant =
    ((p.relation === '>' || p.relation === '≥') && p.value >= alpha) ||
    (p.relation === '=' && p.value > alpha)
  const shown = recomputed < 0.001 ? '<0.001' : recomputed.toFixed(3)
  if (
    !onNull &&
    ((excludesNull && reportedNotSignificant) || (!excludesNull && reportedSignificant))
  ) {
    return [
      {
        check: checkId.pVersusInterval,
        severity: severity.cannotAgree,
        message: `${p.written.replace(/\s+/g, '')} cannot go with ${measure} ${result.written} (CI ${ci.lowerWritten} to ${ci.upperWritten}): the CI ${
          excludesNull ? 'excludes' : 'includes'
        } ${nullValue}, so p is ${excludesNull ? 'below' : 'above'} ${alpha} (recomputed p≈${shown})`,
        source: result.source,
      },
    ]
  }
  // Rounded figures make the recomputed p rough: take its range over every
  // rounding of the estimate and the bounds, and judge the reported p by it.
  const half = halfLastDigit(result)
  const ps: number[] = []
  for (const dv of [-half, half]) {
    for (const dl of [-half, half]) {
      for (const du of [-half, half]) {
        const v = value + dv
        const l = ci.lower + dl
        const u = ci.upper + du
        if (ratio && (v <= 0 || l <= 0)) continue
        const error = (scale(u) - scale(l)) / (2 * z)
        if (error > 0) ps.push(2 * (1 - normalCdf(Math.abs(scale(v) - scale(nullValue)) / error)))
      }
    }
  }
  if (ps.length === 0) return []
  // Below 0.001 a rounded CI says no more than `p<0.001`.
  if (p.value <= smallestTellableP && Math.max(...ps) <= smallestTellableP) return []
  const lowest = Math.min(...ps)
  const highest = Math.max(...ps)
  const range = `${lowest < 0.001 ? '<0.001' : lowest.toFixed(3)} to ${highest < 0.001 ? '<0.001' : highest.toFixed(3)}`
  let verdict: Finding['severity'] | undefined
  if (p.relation === '=') {
    // Reported p is itself rounded: allow half its last digit.
    const slack = 10 ** -decimals(String(p.value)) / 2
    if (
      p.value + slack < lowest / cannotAgreeFactor ||
      p.value - slack > highest * cannotAgreeFactor
    )
      verdict = severity.cannotAgree
    else if (p.value + slack < lowest / farFactor || p.value - slack > highest * farFactor)
      verdict = severity.far
  } else if (p.relation === '<' || p.relation === '≤') {
    if (lowest > p.value * cannotAgreeFactor) verdict = severity.cannotAgree
    else if (lowest > p.value * farFactor) verdict = severity.far
  }
  if (!verdict) return []
  return [
    {
      check: checkId.pVersusInterval,
      severity: verdict,
      message: `${p.written.replace(/\s+/g, '')} does not fit ${measure} ${result.written} (CI ${ci.lowerWritten} to ${ci.upperWritten}), which gives p ${range}`,
      source: result.source,
    },
  ]
})
