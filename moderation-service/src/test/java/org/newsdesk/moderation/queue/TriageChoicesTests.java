package org.newsdesk.moderation.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsdesk.moderation.ModerationProperties;
import org.newsdesk.moderation.queue.TriageChoices.Option;
import org.newsdesk.moderation.tip.QueueFilter.Choice;

/** The queue's filters as choices from the configured lists, each with "Any" and a last choice for the rest. */
class TriageChoicesTests {

    private final TriageChoices choices = new TriageChoices(new ModerationProperties(
            null, null, null, null, List.of("Ilkeston", "Long Eaton", "Somewhere else"), List.of("Sport")));

    @Test
    void theAreaListOffersAnyThePlacesThenSomewhereElseOnce() {
        assertThat(choices.areaOptions(null))
                .containsExactly(
                        new Option("", "Any area", true),
                        new Option("Ilkeston", "Ilkeston", false),
                        new Option("Long Eaton", "Long Eaton", false),
                        new Option("Somewhere else", "Somewhere else", false));
    }

    @Test
    void aPlaceTypedInAnotherCaseChoosesItsEntry() {
        assertThat(choices.areaOptions("long eaton"))
                .filteredOn(Option::selected)
                .containsExactly(new Option("Long Eaton", "Long Eaton", true));
        assertThat(choices.area("long eaton")).isEqualTo(Choice.is("long eaton"));
    }

    @Test
    void somewhereElseIsNoneOfThePlacesWhateverItsCase() {
        assertThat(choices.area("SOMEWHERE ELSE")).isEqualTo(Choice.noneOf(List.of("Ilkeston", "Long Eaton")));
        assertThat(choices.category("not in the list")).isEqualTo(Choice.noneOf(List.of("Sport")));
        assertThat(choices.area(" ")).isEqualTo(Choice.ANY);
    }

    @Test
    void aValueFromAnOldLinkThatNoEntryHoldsIsOfferedChosen() {
        assertThat(choices.categoryOptions("Crime"))
                .containsExactly(
                        new Option("", "Any category", false),
                        new Option("Sport", "Sport", false),
                        new Option("Crime", "Crime", true),
                        new Option("Not in the list", "Not in the list", false));
    }
}
