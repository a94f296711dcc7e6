package org.jspt.proc;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RegistryTest {
    @Test
    void processorListingHasEveryProcessorWithItsParameters() {
        String names = Registry.describe("processors", 0);
        String full = Registry.describe("processors", 2);
        for (Descriptor<Processor> d : Registry.processors().descriptors()) {
            assertTrue(names.lines().anyMatch(l -> l.equals(d.name())), d.name());
            assertTrue(full.contains(d.name() + " : " + d.description()), d.name());
            for (ParamSpec p : d.params()) assertTrue(full.contains(p.name() + "(" + p.type().emanName() + ")"), d.name() + " " + p.name());
        }
        assertFalse(names.contains("("), "verbosity 0 lists names only");
        assertTrue(full.contains("fall_off(float) [default 0.5]"));
    }

    @Test
    void unknownTopicIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Registry.describe("processers", 0));
        assertTrue(e.getMessage().contains("known: processors"), e.getMessage());
    }
}
