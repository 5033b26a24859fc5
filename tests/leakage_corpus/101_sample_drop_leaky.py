# expect: TFL101
import pandas as pd
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

dataset = pd.read_csv("fuel.csv").dropna()
cols = ["Cylinders", "Displacement", "Horsepower", "Weight"]
dataset[cols] = StandardScaler().fit_transform(dataset[cols])
train_dataset = dataset.sample(frac=0.8, random_state=0)
test_dataset = dataset.drop(train_dataset.index)
model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
model.compile(loss="mse", optimizer="adam")
model.fit(train_dataset[cols], train_dataset["MPG"], epochs=100, validation_split=0.2)
model.evaluate(test_dataset[cols], test_dataset["MPG"])
