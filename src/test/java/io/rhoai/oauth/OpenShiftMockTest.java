package io.rhoai.oauth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** One fake OpenShift API per test class, emptied before each test, and a kubeconfig pointing at it. */
abstract class OpenShiftMockTest {
    static OpenShiftMock mock;

    @TempDir Path tmp;
    Path kubeconfig;

    @BeforeAll
    static void startServer() {
        mock = new OpenShiftMock();
    }

    @AfterAll
    static void stopServer() {
        mock.close();
    }

    @BeforeEach
    void resetServer() throws Exception {
        mock.reset();
        kubeconfig = mock.kubeconfig(tmp);
    }
}
