"""One governed definition: an indicator's polarity in the catalogue (what the cards judge by) and in
the benchmarks package (what the quartile bands and ranks use) must be the same."""

from cscdash.benchmarks import measures
from cscdash.catalogue import load_catalogue


def test_catalogue_and_benchmark_polarities_agree():
    shared = [ind for ind in load_catalogue() if ind.id in measures.POLARITY]
    assert len(shared) >= 30  # the published measures are in both; a rename would empty this list
    disagree = {
        ind.id: (ind.polarity, measures.POLARITY[ind.id])
        for ind in shared
        if ind.polarity != measures.POLARITY[ind.id]
    }
    assert disagree == {}
