package io.acmegate.gateway;

public final class Main {
    public static void main(String[] args) {
        System.out.println("acmegate");
    }
}
