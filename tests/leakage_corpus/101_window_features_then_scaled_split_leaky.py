# expect: TFL101
import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from tensorflow.keras import Sequential
from tensorflow.keras.layers import LSTM, Dense

prices = pd.read_csv("GOOG.csv")["Close"].values.reshape(-1, 1)
sc = MinMaxScaler(feature_range=(0, 1))
scaled = sc.fit_transform(prices)

X, y = [], []
for i in range(60, len(scaled)):
    X.append(scaled[i - 60:i, 0])
    y.append(scaled[i, 0])
X, y = np.array(X), np.array(y)
X = np.reshape(X, (X.shape[0], X.shape[1], 1))

split = int(0.8 * len(X))
X_train, X_test = X[:split], X[split:]
y_train, y_test = y[:split], y[split:]
model = Sequential([LSTM(50, input_shape=(60, 1)), Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X_train, y_train, epochs=10, batch_size=32)
pred = sc.inverse_transform(model.predict(X_test))
