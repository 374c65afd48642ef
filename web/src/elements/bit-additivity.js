/**
 * <bit-additivity pa="1/2" pb="1/4" label-a="进决赛" label-b="赢下决赛" label-ab="阿根廷夺冠">
 * — two independent events: their probabilities multiply and their surprisals add.
 * The same element as <bit-surprisal> (see there) showing only the "A and B" event.
 */
import BitSurprisal from './bit-surprisal.js';

/**
 * Two independent events: their probabilities multiply and their surprisals add (the "A and B"
 * part of `<bit-surprisal>` alone).
 *
 * @attr {string} pa - Probability of event A (default 1/2).
 * @attr {string} pb - Probability of event B (default 1/4).
 * @attr {string} label-a - Name of event A.
 * @attr {string} label-b - Name of event B.
 * @attr {string} label-ab - Name of the event "A and B".
 *
 * @prop {{ unit: string, composite: { pa: number, pb: number, p: number, ia: number, ib: number, information: number } } | null} result - `ia` + `ib` = `information` = −log(pa·pb), in `unit`. Read-only.
 * @tagname bit-additivity
 */
export class BitAdditivity extends BitSurprisal {
  static compositeOnly = true;

  static state = ['pa', 'pb', 'label-a', 'label-b', 'label-ab', 'unit', 'open'];
}

export default BitAdditivity;
