/**
 * <bit-additivity pa="1/2" pb="1/4" label-a="进决赛" label-b="赢下决赛" label-ab="阿根廷夺冠">
 * — two independent events: their probabilities multiply and their surprisals add.
 * The same element as <bit-surprisal> (see there) showing only the "A and B" event.
 */
import { BitSurprisal } from './bit-surprisal.js';
import { defineElement } from './base.js';

export class BitAdditivity extends BitSurprisal {
  static compositeOnly = true;

  static state = ['pa', 'pb', 'label-a', 'label-b', 'label-ab', 'unit', 'open'];
}

defineElement('bit-additivity', BitAdditivity);
