package dev.palisade.dsl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** user.serviceAccount.namespace / .name as Kubernetes' serviceaccount.SplitUsername reads a user name. */
class ServiceAccountUserTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "system:serviceaccount:kube-system:default | kube-system | default",
            "system:serviceaccount:ci:builder.v2       | ci          | builder.v2",
            "system:serviceaccount:ci                  | ''          | ''",
            "system:serviceaccount:ci:a:b              | ''          | ''",
            "system:serviceaccount::builder            | ''          | ''",
            "system:serviceaccount:ci:                 | ''          | ''",
            "system:serviceaccount:CI:builder          | ''          | ''",
            "system:serviceaccount:ci:Builder          | ''          | ''",
            "alice                                     | ''          | ''",
            "system:serviceaccounts:ci:builder         | ''          | ''",
            "NULL                                      | ''          | ''"})
    void splitsAsKubernetesDoes(String user, String namespace, String name) {
        assertEquals(namespace, ServiceAccountUser.namespace(user));
        assertEquals(name, ServiceAccountUser.name(user));
    }
}
